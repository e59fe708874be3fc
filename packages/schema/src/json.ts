/** A JSON value as stored and exchanged: node inputs, outputs, trigger data. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
