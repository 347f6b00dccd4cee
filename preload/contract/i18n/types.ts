/** A catalogue's shape with string leaves: what another language must provide for the same keys. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
