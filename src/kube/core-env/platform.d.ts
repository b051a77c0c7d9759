/**
 * The few web-platform APIs the framework-free code may use, because every host we run on
 * (browsers, Web Workers, Node 20) has them with these exact shapes. Only tsconfig.core.json
 * sees this file; the app and Node configs get the real declarations from their libs.
 */
interface TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}
// eslint-disable-next-line no-var -- ambient globals are declared with var
declare var TextEncoder: { new (): TextEncoder };

interface TextDecoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
// eslint-disable-next-line no-var -- ambient globals are declared with var
declare var TextDecoder: {
  new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder;
};
