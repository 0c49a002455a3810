import type { Problem } from '../../core/errors.js'
import type { CompiledRule } from '../rule.js'
import type { ConditionNode } from './ast.js'
import { FalcoCompileError } from './compile-error.js'
import { compilePredicate } from './compile-predicate.js'
import type { Definitions, RuleDef } from './definitions.js'
import { withExceptions } from './exceptions.js'
import { expandMacros, type MacroEntry } from './expand-macros.js'
import type { ExtractContext } from './fields.js'
import { indexKeysOf } from './index-keys.js'
import { compileOutput } from './output-template.js'
import { ConditionSyntaxError, parseCondition } from './parse-condition.js'
import { falcoRuleId, mitreFromTags, severityOf } from './priority.js'
import { falcoProblem } from './problem.js'

/** Items of lists that name other lists are replaced by those lists' items (nested lists). */
function flattenLists(defs: Definitions): Map<string, string[]> {
  const out = new Map<string, string[]>()
  const resolve = (name: string, seen: string[]): string[] => {
    const done = out.get(name)
    if (done) return done
    const items = defs.lists.get(name)!.items.flatMap((i) => (defs.lists.has(i) && !seen.includes(i) ? resolve(i, [...seen, i]) : [i]))
    out.set(name, items)
    return items
  }
  for (const name of defs.lists.keys()) resolve(name, [name])
  return out
}

function parseMacros(defs: Definitions, problems: Problem[]): Map<string, MacroEntry> {
  const out = new Map<string, MacroEntry>()
  for (const m of defs.macros.values()) {
    try {
      out.set(m.name, { ast: parseCondition(m.condition) })
    } catch (err) {
      const detail = (err as Error).message
      problems.push(falcoProblem('KUBESIEM_FALCO_CONDITION_SYNTAX', { item: `macro "${m.name}"`, detail }, m.condLoc))
      out.set(m.name, { syntaxError: detail })
    }
  }
  return out
}

function compileOne(rule: RuleDef, macros: Map<string, MacroEntry>, lists: Map<string, string[]>, ctx: ExtractContext, problems: Problem[]): CompiledRule | undefined {
  const item = `rule "${rule.name}"`
  const severity = severityOf(rule.priority)
  if (!severity) {
    problems.push(falcoProblem('KUBESIEM_FALCO_BAD_PRIORITY', { name: rule.name, priority: String(rule.priority) }, rule.keyLocs.priority ?? rule.loc, rule.name))
    return undefined
  }
  let tree: ConditionNode
  let match: (ev: Record<string, unknown>) => boolean
  let stage = 'condition'
  try {
    tree = expandMacros(parseCondition(rule.condition), macros)
    match = compilePredicate(tree, lists, ctx)
    if (rule.exceptions.length > 0) {
      // Compiled twice so a bad field is blamed on the condition or on the exceptions, whichever has it.
      stage = 'exceptions'
      tree = withExceptions(tree, rule.exceptions)
      match = compilePredicate(tree, lists, ctx)
    }
  } catch (err) {
    const loc = rule.keyLocs[stage] ?? rule.loc
    if (err instanceof ConditionSyntaxError) problems.push(falcoProblem('KUBESIEM_FALCO_CONDITION_SYNTAX', { item, detail: err.message }, loc, rule.name))
    else if (err instanceof FalcoCompileError) {
      if (rule.skipIfUnknownFilter && err.code === 'KUBESIEM_FALCO_UNKNOWN_FIELD') return undefined
      problems.push(falcoProblem(err.code, { item, name: rule.name, ...err.details }, loc, rule.name))
    } else throw err
    return undefined
  }
  let summarize: (ev: Record<string, unknown>) => string
  try {
    summarize = compileOutput(rule.output, ctx)
  } catch (err) {
    problems.push(falcoProblem('KUBESIEM_FALCO_BAD_OUTPUT', { name: rule.name, detail: (err as Error).message }, rule.keyLocs.output ?? rule.loc, rule.name))
    return undefined
  }
  const maturity = rule.tags.find((t) => t.startsWith('maturity_'))
  return {
    ref: { id: falcoRuleId(rule.name), title: rule.name, source: 'falco' },
    severity,
    mitre: mitreFromTags(rule.tags),
    tags: rule.tags,
    ...(maturity && { status: maturity.slice('maturity_'.length) }),
    enabled: rule.enabled,
    logsource: { product: 'kubernetes', service: 'audit' },
    index: indexKeysOf(tree, lists),
    match,
    summarize,
  }
}

/**
 * Compile every collected k8s_audit rule once into a CompiledRule (falco `rule_loader_compiler`);
 * a rule that fails is reported and left out, the others still compile.
 * @example
 * const rules = compileRules(defs, ctx, problems)
 */
export function compileRules(defs: Definitions, ctx: ExtractContext, problems: Problem[]): CompiledRule[] {
  const lists = flattenLists(defs)
  const macros = parseMacros(defs, problems)
  const out: CompiledRule[] = []
  const ids = new Set<string>()
  for (const rule of defs.rules.values()) {
    if (rule.source !== 'k8s_audit') continue
    const compiled = compileOne(rule, macros, lists, ctx, problems)
    if (!compiled) continue
    // Two names can share a slug ("A/B" and "A B"); later ones get a stable numeric suffix.
    let id = compiled.ref.id
    for (let n = 2; ids.has(id); n++) id = `${compiled.ref.id}-${n}`
    ids.add(id)
    out.push({ ...compiled, ref: { ...compiled.ref, id } })
  }
  return out
}
