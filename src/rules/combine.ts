/** A predicate over one event, as both rule engines compile them. */
type Pred = (event: Record<string, unknown>) => boolean

// How often an AND/OR re-ranks its operands (in calls): first soon, so a short input benefits, then rarely.
const FIRST_RANKING = 256
const RANKING_EVERY = 16_384

/**
 * AND of predicates. The operands are pure, so their order only changes the cost: the one that
 * fails most often on the events seen so far is tried first (a rule's `kevt and verb=create and
 * privileged` then starts with `privileged`, which rejects almost every event).
 * @example everyPred([isCreate, isPod])(event)
 */
export function everyPred<P extends Pred>(preds: P[]): Pred {
  return preds.length === 1 ? preds[0] : shortCircuit(preds, false)
}

/**
 * OR of predicates, the one that holds most often tried first.
 * @example somePred([isExec, isAttach])(event)
 */
export function somePred<P extends Pred>(preds: P[]): Pred {
  return preds.length === 1 ? preds[0] : shortCircuit(preds, true)
}

/**
 * Evaluate `preds` in turn until one returns `decisive`, as a plain loop (`every`/`some` would
 * allocate a closure per event), re-ranking them by how often each was decisive when tried.
 */
function shortCircuit(preds: Pred[], decisive: boolean): Pred {
  const n = preds.length
  let order = preds.slice()
  let tried = new Float64Array(n)
  let decided = new Float64Array(n)
  let calls = 0
  let rankAt = FIRST_RANKING
  const rank = (): void => {
    // An operand never tried counts as deciding half the time, so it gets its chance to move up;
    // ties keep the author's order (sort is stable). Halved counts let the ranking follow drift.
    const ranked = order.map((pred, i) => ({ pred, tried: tried[i] / 2, decided: decided[i] / 2, rate: (decided[i] + 1) / (tried[i] + 2) }))
    ranked.sort((a, b) => b.rate - a.rate)
    order = ranked.map((r) => r.pred)
    tried = Float64Array.from(ranked, (r) => r.tried)
    decided = Float64Array.from(ranked, (r) => r.decided)
    rankAt = calls + RANKING_EVERY
  }
  return (ev) => {
    // Counting every call cost a tenth of matching: one call in eight is counted, which ranks as well.
    if ((++calls & 7) !== 0) {
      for (let i = 0; i < n; i++) if (order[i](ev) === decisive) return decisive
      return !decisive
    }
    if (calls >= rankAt) rank()
    for (let i = 0; i < n; i++) {
      tried[i]++
      if (order[i](ev) === decisive) {
        decided[i]++
        return decisive
      }
    }
    return !decisive
  }
}
