/**
 * Parses a recorded multipart/form-data body with the WHATWG `Request#formData()` built into
 * Node, so fakes read uploads exactly as a standards-following server would.
 */
import type { RecordedRequest } from './http-fake.ts';

export interface MultipartFile {
  field: string;
  filename: string;
  type: string;
  bytes: Buffer;
}

export interface ParsedMultipart {
  /** Text fields (the last value wins when a name repeats). */
  fields: Record<string, string>;
  files: MultipartFile[];
}

/** Null when the body is not multipart or cannot be parsed. */
export async function parseMultipart(req: RecordedRequest): Promise<ParsedMultipart | null> {
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.startsWith('multipart/form-data')) return null;
  let form: FormData;
  try {
    form = await new Request('http://fake.local/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: req.body,
    }).formData();
  } catch {
    return null;
  }
  const fields: Record<string, string> = {};
  const files: MultipartFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') fields[field] = value;
    else
      files.push({
        field,
        filename: value.name,
        type: value.type,
        bytes: Buffer.from(await value.arrayBuffer()),
      });
  }
  return { fields, files };
}
