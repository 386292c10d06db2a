import type { KmsOpTable } from './opTypes.js';

/** Imported key material: GetParametersForImport, ImportKeyMaterial, DeleteImportedKeyMaterial. */
export const importOps: KmsOpTable = {};
