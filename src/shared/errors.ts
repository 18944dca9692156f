/** The one error shape that crosses the API boundary (IPC and HTTP alike). */
/** Every error code, in one list (the web host maps each to an HTTP status; a test walks them all). */
/** 'file': a file the officer chose could not be read or written. */
export const API_ERROR_CODES = ['validation', 'not_found', 'conflict', 'unauthorized', 'forbidden', 'unknown_method', 'file', 'internal'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface FieldProblem {
  field: string;
  message: string;
}

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  fields?: FieldProblem[];
  /** What exactly failed, for a program to tell failures of one code apart (the CLI's exit codes): e.g. a backup's 'password'. */
  reason?: string;
  /** A save refused because the record was saved by someone else since it was opened (reason 'version'): the record's id and its version now. */
  stale?: StaleRecord;
}

export interface StaleRecord {
  id: string;
  version: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly fields?: FieldProblem[],
    readonly reason?: string,
    readonly stale?: StaleRecord,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}), ...(this.reason ? { reason: this.reason } : {}), ...(this.stale ? { stale: this.stale } : {}) };
  }

  static fromBody(body: ApiErrorBody): ApiError {
    return new ApiError(body.code, body.message, body.fields, body.reason, body.stale);
  }
}

export const INTERNAL_ERROR_MESSAGE = 'Đã xảy ra lỗi không mong muốn. Dữ liệu chưa bị thay đổi; vui lòng thử lại.';
