// Browser stand-in for node:stream: the xlsx writer's `prepare` loads PassThrough for the streamed
// summary workbook of a CLI batch (its `gather`); the page makes its workbooks whole (`whole`), so
// a stream is never made here.
export class PassThrough {
  constructor() {
    throw new Error('node:stream is not in the page');
  }
}
