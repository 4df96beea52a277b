/**
 * Imports off the page's main thread: reading a project (zip, YAML, create.py, a JSON document) can
 * take seconds for a large file, and a hostile one is refused here, not in the page. A thin comlink
 * adapter over `importFiles` (src/formats); the page side is `runImport` in src/store/importers.ts,
 * which starts this worker lazily and terminates it when an import runs past its time limit.
 */
import { expose } from 'comlink';
import { importFiles, type ImportService } from '../src/formats/import-files';

const service: ImportService = { importFiles: (files, options) => importFiles(files, options) };
expose(service);
