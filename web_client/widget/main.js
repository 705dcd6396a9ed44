/**
 * widget.js: defines `<mockline-interview>` (element.js). The Mockline server is the origin
 * this script was loaded from, so one `<script src=".../widget.js">` is all a portal adds.
 */

import { defineElement } from "./element.js";

const script = document.currentScript;
const base = script && script.src ? new URL(script.src).origin : window.location.origin;
performance.mark?.("mockline:script-run");
defineElement(base);
