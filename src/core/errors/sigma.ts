import { defineErrors } from './define.js'

/** Problems met while loading and compiling Sigma rules, correlations and filters. */
export const SIGMA_ERRORS = defineErrors({
  KUBESIEM_SIGMA_YAML: {
    message: 'invalid YAML in {where}: {detail}',
    hint: 'Fix the YAML syntax; the other documents of the file still load.',
    status: 422,
  },
  KUBESIEM_SIGMA_NOT_A_RULE: {
    message: 'document {where} is not a Sigma rule, correlation or filter: expected a mapping with "detection", "correlation" or "filter", got {got}',
    hint: 'Each YAML document must be one Sigma rule, correlation rule, filter or `action: global` block.',
    status: 422,
  },
  KUBESIEM_SIGMA_MISSING_FIELD: {
    message: 'rule {rule} has no "{field}" ({where}); expected {expected}',
    hint: 'Add the missing attribute; see the Sigma specification v2.1 for the required ones.',
    status: 422,
  },
  KUBESIEM_SIGMA_BAD_FIELD: {
    message: 'bad "{field}" in rule {rule}, line {line}:{col}: expected {expected}, got {got}',
    hint: 'Correct the attribute to the shape the Sigma specification requires.',
    status: 422,
  },
  KUBESIEM_SIGMA_UNKNOWN_MODIFIER: {
    message: 'unknown modifier "{modifier}" in rule {rule}, line {line}:{col}; {suggestion}',
    hint: 'Use a modifier of the Sigma modifiers appendix (contains, startswith, endswith, re, cidr, base64offset, ...).',
    status: 422,
  },
  KUBESIEM_SIGMA_BAD_MODIFIER: {
    message: 'modifier "{modifier}" cannot be used here in rule {rule}, line {line}:{col}: {detail}',
    hint: 'Check the order and the value types of the modifier chain.',
    status: 422,
  },
  KUBESIEM_SIGMA_BAD_VALUE: {
    message: 'bad value in rule {rule}, line {line}:{col}: expected {expected}, got {got}',
    hint: 'Detection values are strings, numbers, booleans or null; lists OR them and maps AND them.',
    status: 422,
  },
  KUBESIEM_SIGMA_BAD_REGEX: {
    message: 'regular expression /{pattern}/ in rule {rule}, line {line}:{col} does not compile on RE2: {detail}',
    hint: 'Rule regexes run on RE2 (no backreferences or lookaround); rewrite the pattern without them.',
    status: 422,
  },
  KUBESIEM_SIGMA_BAD_CONDITION: {
    message: 'bad condition in rule {rule}, line {line}:{col}: {detail}',
    hint: 'Conditions use identifiers, and/or/not, parentheses, "1 of x*", "all of x*" and "them"; aggregations (| count) moved to correlation rules.',
    status: 422,
  },
  KUBESIEM_SIGMA_UNDEFINED_SELECTION: {
    message: 'condition of rule {rule}, line {line}:{col} names "{name}", which the detection does not define; {suggestion}',
    hint: 'Define the search identifier under "detection" or fix its name in the condition.',
    status: 422,
  },
  KUBESIEM_SIGMA_EMPTY_PATTERN: {
    message: 'condition of rule {rule}, line {line}:{col}: "{pattern}" matches no search identifier, so it is never true',
    hint: 'Fix the pattern or add the identifiers it should cover.',
    status: 422,
  },
  KUBESIEM_SIGMA_CYCLIC_REFERENCE: {
    message: 'correlation {rule}, line {line}:{col} references itself through {cycle}',
    hint: 'Correlation chains must end in detection rules; remove the reference that closes the loop.',
    status: 422,
  },
  KUBESIEM_SIGMA_UNKNOWN_RULE_REF: {
    message: '{kind} {rule}, line {line}:{col} references "{ref}", which no rule in this load has as id or name; {suggestion}',
    hint: 'Load the referenced rule in the same call, or fix the id/name.',
    status: 422,
  },
  KUBESIEM_SIGMA_DUPLICATE_ID: {
    message: 'rule id {rule} at {where} is already used at {first}',
    hint: 'Rule ids must be unique; give one of the rules a new UUID.',
    status: 422,
  },
  KUBESIEM_SIGMA_FILTER_LOGSOURCE: {
    message: 'filter {rule}, line {line}:{col} does not apply to rule {ref}: its logsource {filterLogsource} does not fit {ruleLogsource}',
    hint: 'A filter only tunes rules of the same logsource.',
    status: 422,
  },
  KUBESIEM_SIGMA_NOT_INDEXABLE: {
    message: 'rule {rule} cannot be indexed by verb or resource, so it is checked against every event',
    hint: 'Require a plain verb or objectRef.resource equality on every path of the condition to make the rule cheaper.',
    status: 422,
  },
})
