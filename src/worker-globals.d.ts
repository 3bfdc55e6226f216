// The web app's type program reads the API worker's modules (for the API client's
// types, src/lib/server/api.ts) under the DOM lib, which wins over the Workers runtime
// types where both declare a global. Workers-only members those modules use go here.
interface SubtleCrypto {
  timingSafeEqual(a: ArrayBuffer | ArrayBufferView, b: ArrayBuffer | ArrayBufferView): boolean;
}
