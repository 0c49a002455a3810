import { defineErrors } from './define.js'

/** Problems met while loading Falco k8s_audit rules files (falco `rule_loading_messages.h`). */
export const FALCO_ERRORS = defineErrors({
  KUBESIEM_FALCO_YAML_SYNTAX: {
    message: 'YAML syntax error: {detail}',
    hint: 'A Falco rules file is a YAML sequence of items (- rule:, - macro:, - list:); fix the YAML and reload.',
    status: 400,
  },
  KUBESIEM_FALCO_BAD_ITEM: {
    message: '{item}: {detail}',
    hint: 'Each item needs its required keys (a rule: condition, output, priority; a macro: condition; a list: items).',
    status: 400,
  },
  KUBESIEM_FALCO_ENGINE_VERSION: {
    message: 'file requires Falco engine version {required}, kubesiem implements {supported}',
    hint: 'Use a rules file written for an older Falco, or upgrade kubesiem.',
    status: 400,
  },
  KUBESIEM_FALCO_PLUGIN_VERSION: {
    message: 'file requires plugin "{plugin}", which kubesiem does not provide',
    hint: 'kubesiem provides the k8saudit (and its -eks/-gke/-aks/-ovh alternatives) and json plugin fields.',
    status: 400,
  },
  KUBESIEM_FALCO_CONDITION_SYNTAX: {
    message: '{item}: bad condition syntax: {detail}',
    hint: 'Check parentheses, operators and quoting; the condition language is Falco\'s (and/or/not, =, in (…), exists …).',
    status: 400,
  },
  KUBESIEM_FALCO_UNDEFINED_MACRO: {
    message: '{item}: undefined macro "{name}"',
    hint: 'Define the macro before loading this rule, or fix the name; a bare word in a condition is a macro reference.',
    status: 400,
  },
  KUBESIEM_FALCO_CYCLIC_MACRO: {
    message: '{item}: macros reference each other in a cycle: {detail}',
    hint: 'A macro must not (even indirectly) reference itself.',
    status: 400,
  },
  KUBESIEM_FALCO_UNKNOWN_FIELD: {
    message: '{item}: unknown field "{name}"{detail}',
    hint: 'k8s_audit rules may use the ka.*, jevt.*/json.* and evt.* fields; see README.k8saudit-plugin.md.',
    status: 400,
  },
  KUBESIEM_FALCO_BAD_OPERATOR: {
    message: '{item}: {detail}',
    hint: 'List fields (e.g. ka.req.pod.containers.image) only support in, intersects and exists.',
    status: 400,
  },
  KUBESIEM_FALCO_UNKNOWN_TARGET: {
    message: '{item}: cannot {action}: no {kind} named "{name}" was defined before',
    hint: 'Load the file that defines it first, or drop append/override to define it here.',
    status: 400,
  },
  KUBESIEM_FALCO_BAD_OVERRIDE: {
    message: '{item}: {detail}',
    hint: 'override maps keys to append or replace, and every key besides the name must be listed in it.',
    status: 400,
  },
  KUBESIEM_FALCO_WRONG_SOURCE: {
    message: 'rule "{name}" has source "{source}"; only k8s_audit rules are loaded, so it is skipped',
    hint: 'kubesiem evaluates Kubernetes audit events; syscall and other plugin rules belong to Falco itself.',
    status: 400,
  },
  KUBESIEM_FALCO_BAD_PRIORITY: {
    message: 'rule "{name}": unknown priority "{priority}"',
    hint: 'Use one of EMERGENCY, ALERT, CRITICAL, ERROR, WARNING, NOTICE, INFORMATIONAL (INFO), DEBUG.',
    status: 400,
  },
  KUBESIEM_FALCO_BAD_EXCEPTION: {
    message: 'rule "{name}": exception "{exception}": {detail}',
    hint: 'An exception has a name, fields, optional comps and values whose tuples match the fields.',
    status: 400,
  },
  KUBESIEM_FALCO_BAD_OUTPUT: {
    message: 'rule "{name}": output: {detail}',
    hint: 'Output placeholders are %field or %field[arg] with a known field.',
    status: 400,
  },
})
