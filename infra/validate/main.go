// Command validate checks Mockline's deployment files offline, as `docker compose config`
// and a Kubernetes API server would: the compose file against the Compose specification
// (compose-go, the loader of docker compose itself), and every Kubernetes manifest by strict
// decoding into the API's own types (unknown or misspelt fields, wrong types, unknown kinds).
//
//	go run . -compose ../docker-compose.yml -k8s ../k8s
//
// It prints one line per problem and exits 1 when there is any.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/kubernetes/scheme"
)

func main() {
	compose := flag.String("compose", "", "docker-compose.yml to check")
	envFile := flag.String("env-file", "", "env file for the compose file's variables")
	k8sDir := flag.String("k8s", "", "folder of Kubernetes manifests (*.yaml) to check")
	flag.Parse()
	problems := 0
	if *compose != "" {
		problems += checkCompose(*compose, *envFile)
	}
	if *k8sDir != "" {
		problems += checkManifests(*k8sDir)
	}
	if problems > 0 {
		os.Exit(1)
	}
	fmt.Println("ok")
}

func checkCompose(path, envFile string) int {
	opts := []cli.ProjectOptionsFn{cli.WithOsEnv, cli.WithInterpolation(true)}
	if envFile != "" {
		opts = append(opts, cli.WithEnvFiles(envFile), cli.WithDotEnv)
	}
	options, err := cli.NewProjectOptions([]string{path}, opts...)
	if err == nil {
		var project interface{ ServiceNames() []string }
		p, loadErr := options.LoadProject(context.Background())
		err = loadErr
		if loadErr == nil {
			project = p
			names := project.ServiceNames()
			sort.Strings(names)
			fmt.Printf("compose: %s: services %s\n", path, strings.Join(names, ", "))
		}
	}
	if err != nil {
		fmt.Printf("compose: %s: %v\n", path, err)
		return 1
	}
	return 0
}

func checkManifests(dir string) int {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(files) == 0 {
		fmt.Printf("k8s: no manifests in %s\n", dir)
		return 1
	}
	decoder := serializer.NewCodecFactory(scheme.Scheme, serializer.EnableStrict).UniversalDeserializer()
	problems := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			fmt.Printf("k8s: %s: %v\n", file, err)
			problems++
			continue
		}
		reader := utilyaml.NewYAMLReader(bufioReader(data))
		for n := 1; ; n++ {
			doc, err := reader.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				fmt.Printf("k8s: %s: document %d: %v\n", file, n, err)
				problems++
				break
			}
			if len(bytes.TrimSpace(stripComments(doc))) == 0 {
				continue
			}
			obj, gvk, err := decoder.Decode(doc, nil, nil)
			if err != nil {
				fmt.Printf("k8s: %s: document %d: %v\n", file, n, err)
				problems++
				continue
			}
			_ = obj
			fmt.Printf("k8s: %s: %s ok\n", filepath.Base(file), gvk.Kind)
		}
	}
	return problems
}
