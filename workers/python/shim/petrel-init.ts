/** `petrel/__init__.py`. */
export const PETREL_INIT_PY = String.raw`"""Storm Studio's petrel package: the parts of Petrel that components use at run time
(petrel.storm and petrel.emitter)."""
`;
