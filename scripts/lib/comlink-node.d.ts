// comlink ships its Node adapter as an .mjs whose types sit in node-adapter.d.ts next to it.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  export { default } from 'comlink/dist/esm/node-adapter';
}
