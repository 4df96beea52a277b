"""Storm Studio's petrel package: the parts of Petrel that components use at run time
(petrel.storm and petrel.emitter), over the host that runs them (petrel.host)."""
