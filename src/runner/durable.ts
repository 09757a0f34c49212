// Durable writes belong to the store, which the Salesforce layer uses too; the runner's modules keep
// their import path.
export { writeFileDurably, temporaryPathFor, syncFolder, type NoteTemporary } from '../store/durable';
