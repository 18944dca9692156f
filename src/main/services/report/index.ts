export { reportFigures } from './figures';
export { reportRecords } from './records';
