/** A predicate over one event, as both rule engines compile them. */
type Pred = (event: Record<string, unknown>) => boolean

/**
 * AND of predicates, as a plain loop: `preds.every((p) => p(ev))` would allocate a closure per event.
 * @example everyPred([isCreate, isPod])(event)
 */
export function everyPred<P extends Pred>(preds: P[]): Pred {
  if (preds.length === 1) return preds[0]
  if (preds.length === 2) {
    const [a, b] = preds
    return (ev) => a(ev) && b(ev)
  }
  return (ev) => {
    for (const p of preds) if (!p(ev)) return false
    return true
  }
}

/**
 * OR of predicates, as a plain loop.
 * @example somePred([isExec, isAttach])(event)
 */
export function somePred<P extends Pred>(preds: P[]): Pred {
  if (preds.length === 1) return preds[0]
  if (preds.length === 2) {
    const [a, b] = preds
    return (ev) => a(ev) || b(ev)
  }
  return (ev) => {
    for (const p of preds) if (p(ev)) return true
    return false
  }
}
