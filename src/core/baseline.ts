/** One learned fact of a first-seen rule: this identity was seen with this value from this time. */
export interface BaselineEntry {
  /** The first-seen rule id; '' records the identity itself. */
  rule: string
  identity: string
  value: string
  firstMs: number
}
