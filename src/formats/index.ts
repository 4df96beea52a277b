/**
 * Exporters and importers (DESIGN.md: `src/formats`): Petrel projects, Storm Flux YAML, the app's
 * JSON document and project zips. Pure: no DOM, no Node APIs; files in and out as text.
 */
import { ok, serializeDocument, type Result, type TopologyDocument } from '../model';
import { exportFlux } from './flux/export';
import { folderName } from './module-names';
import { exportPetrel } from './petrel/export';
import type { ExportBundle, ExportFormat, FormatError } from './types';

export * from './types';
export { exportPetrel } from './petrel/export';
export { parsePetrelProject, type ProjectFile, type PetrelImportOptions } from './petrel/import';
export { exportFlux } from './flux/export';
export { parseFlux } from './flux/import';
export { importFiles, type ImportOptions, type ImportService } from './import-files';
export { zipFiles, unzipFiles, isZip } from './zip';
export { layoutByDepth } from './layout';
export { folderName } from './module-names';

/**
 * The app's own JSON document as an export bundle (one file).
 *
 * @example
 * exportJson(doc).value.files[0].path // 'word-count.json'
 */
export function exportJson(doc: TopologyDocument): Result<ExportBundle, FormatError> {
  const folder = folderName(doc.name);
  return ok({ format: 'json', folder, files: [{ path: `${folder}.json`, content: serializeDocument(doc) }], warnings: [] });
}

/** Exports `doc` in `format`. */
export function exportDocument(doc: TopologyDocument, format: ExportFormat): Result<ExportBundle, FormatError> {
  switch (format) {
    case 'petrel':
      return exportPetrel(doc);
    case 'flux':
      return exportFlux(doc);
    case 'json':
      return exportJson(doc);
  }
}
