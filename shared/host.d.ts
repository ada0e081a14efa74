/**
 * What shared/ uses beyond ECMAScript 2022: globals every host it runs in has (browsers, the Office task
 * pane, Node ≥ 18), typed to the slice used. Only shared/tsconfig.json sees this file; the add-in and the
 * server check shared/ again against the DOM's or Node's own declarations.
 */
declare var performance: { now(): number };

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

declare class TextDecoder {
  constructor(label?: string);
  decode(input?: Uint8Array): string;
}
