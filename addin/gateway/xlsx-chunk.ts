/** What the browser host needs from shared/xlsx, loaded on demand (its own chunk) when a file is opened. */
export { XlsxDocumentGateway } from '../../shared/xlsx/gateway';
export { XlsxError, xlsxProblemMessage } from '../../shared/xlsx/package';
export { XlsxDocument } from '../../shared/xlsx/write';
