/**
 * Microphone access for the call: the getUserMedia constraints and a readable message
 * for every way it can fail (blocked, missing, busy, insecure page).
 */

function microphoneErrorText(error) {
  switch (error?.name) {
    case "NotAllowedError":
    case "PermissionDeniedError":
    case "SecurityError":
      return (
        "Mockline needs your microphone, but access was blocked. Click the microphone or " +
        "lock icon in the address bar, set Microphone to Allow, then press Start call again. " +
        "On a phone, also allow microphone access for this browser in the system settings."
      );
    case "NotFoundError":
    case "DevicesNotFoundError":
    case "OverconstrainedError":
      return "No microphone was found. Connect or turn on a microphone or headset, then press Start call again.";
    case "NotReadableError":
    case "TrackStartError":
    case "AbortError":
      return "Your microphone could not be started; another app may be using it. Close that app, then press Start call again.";
    default:
      return `The microphone could not be opened (${error?.message || error}). Check your microphone, then press Start call again.`;
  }
}

/**
 * Opens the microphone. `raw` turns off echo cancellation, noise suppression and gain
 * control. Rejects with an Error whose message tells the person what to do.
 * @returns {Promise<MediaStream>}
 */
export async function openMicrophone({ raw = false } = {}) {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new Error(
      "This page cannot use a microphone here. Open Mockline over https:// (or on localhost) " +
        "in a current version of Chrome, Edge, Firefox or Safari.",
    );
  }
  const processing = !raw;
  const audio = { echoCancellation: processing, noiseSuppression: processing, autoGainControl: processing };
  try {
    return await navigator.mediaDevices.getUserMedia({ audio });
  } catch (error) {
    throw new Error(microphoneErrorText(error));
  }
}
