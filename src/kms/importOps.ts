import type { KmsOpTable } from './opTypes.js';
import { deleteImportedKeyMaterial } from './ops/deleteImportedKeyMaterial.js';
import { getParametersForImport } from './ops/getParametersForImport.js';
import { importKeyMaterial } from './ops/importKeyMaterial.js';

/** Imported key material: GetParametersForImport, ImportKeyMaterial, DeleteImportedKeyMaterial. */
export const importOps: KmsOpTable = {
  // Outside a store transaction: generating an RSA wrapping key takes up to seconds and must not hold the single
  // writer; the operation's only write (the new parameters) is one statement, atomic on its own.
  GetParametersForImport: { run: getParametersForImport, readOnly: true },
  ImportKeyMaterial: { run: importKeyMaterial },
  DeleteImportedKeyMaterial: { run: deleteImportedKeyMaterial },
};
