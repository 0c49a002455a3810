import { Option, type Command } from 'commander'
import { POSTURE_FORMATS } from './posture-formats.js'

const out = (text: string) => console.log(text)
const err = (text: string) => console.error(text)

function withClusterFlags(command: Command): Command {
  return command.option('--kubeconfig <file>', 'read a live cluster through this kubeconfig (read-only; see deploy/kubesiem-reader-clusterrole.yaml)').option('--context <name>', 'kubeconfig context (default: its current context)')
}

/**
 * Register `posture`, `rbac who-can`, `rbac can` and `collect` on the program: one call from
 * main.ts, so posture's commands live beside each other.
 * @example
 * registerPostureCommands(buildProgram())
 */
export function registerPostureCommands(program: Command): void {
  withClusterFlags(program.command('posture'))
    .description('check manifests, a cluster dump or a live cluster: Pod Security Standards, RBAC risk, CIS, hardening')
    .argument('[paths...]', 'manifest files or folders, Helm output, kubectl get -A -o json dumps')
    .addOption(new Option('--format <format>', 'output format (json is JSON Lines)').choices([...POSTURE_FORMATS]).default('table'))
    .option('--pss-version <version>', 'Pod Security Standards version (v1.37, 1.30, latest)')
    .option('--level <levels>', 'PSS levels to check: baseline, restricted or both (default both)')
    .option('--exceptions <file>', 'YAML list of accepted findings: checkId, resource, reason, expires')
    .option('--node', 'also check this node: CIS file modes and owners (1.1.x, 4.1.x) and the Kubernetes processes running here')
    .option('--node-root <dir>', 'with --node, read the node under this folder (a host mount such as /host)')
    .option('--pki <dir>', 'check certificate expiry and rotation for the certificates in this folder (e.g. /etc/kubernetes/pki)')
    .option('--undecided', 'list the CIS checks the input could not decide as info findings')
    .option('--cluster <name>', 'cluster name for findings and the score (default: the kubeconfig context, or "default")')
    .action(async (paths: string[], flags) => void (await (await import('./posture.js')).runPostureCommand(paths, flags, out, err)))

  const rbac = program.command('rbac').description('RBAC questions answered from manifests, a dump or a live cluster')
  withClusterFlags(rbac.command('who-can'))
    .description('who may do VERB on RESOURCE (pods, pods/exec, deployments.apps, /metrics), and through which binding')
    .argument('<verb>')
    .argument('<resource>')
    .argument('[paths...]', 'manifests or dumps holding the RBAC objects')
    .option('-n, --namespace <ns>', 'in this namespace (default: grants in any namespace)')
    .option('--name <name>', 'a named object (resourceNames)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (verb: string, resource: string, paths: string[], flags) => void (await (await import('./rbac.js')).runWhoCan(verb, resource, paths, flags, out, err)))
  withClusterFlags(rbac.command('can'))
    .description('everything SUBJECT may do, like kubectl auth can-i --list (User:x, Group:x, ServiceAccount:ns:name)')
    .argument('<subject>')
    .argument('[paths...]', 'manifests or dumps holding the RBAC objects')
    .option('-n, --namespace <ns>', 'include what the namespace grants')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (subject: string, paths: string[], flags) => void (await (await import('./rbac.js')).runCan(subject, paths, flags, out, err)))

  program
    .command('collect')
    .description('write a kind: List snapshot of a live cluster for offline posture and rbac runs')
    .requiredOption('--kubeconfig <file>', 'kubeconfig to read the cluster with')
    .option('--context <name>', 'kubeconfig context')
    .requiredOption('--out <file>', 'snapshot file to write (JSON)')
    .action(async (flags) => void (await (await import('./collect.js')).runCollect(flags, err)))
}
