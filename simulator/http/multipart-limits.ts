/* Browser-safe: the msw transport applies the same limits (src/msw). */

/** Counts of parts a multipart body may carry; past one, the body is too large. */
export interface MultipartLimits {
  files: number;
  fields: number;
  parts: number;
}

export const MULTIPART_LIMITS: MultipartLimits = { files: 5, fields: 50, parts: 60 };
