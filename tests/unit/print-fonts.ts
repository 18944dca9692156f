/** The print font's measure in Node, as the main process lays out documents with it. */
export { measureTinos } from '../../src/main/services/print/measure';
