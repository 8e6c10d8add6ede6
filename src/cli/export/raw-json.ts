/**
 * Keeps the raw JSON body of a response. The SDK's parser keeps only the fields its model knows, so a setting
 * the service added after the bundled SDK was built would vanish from an export without a word; reading the
 * body itself lets the export report it instead.
 */
export function captureRawJson(command: { middlewareStack: { add: (...args: any[]) => void } }): () => Record<string, any> | undefined {
  let raw: Record<string, any> | undefined;
  command.middlewareStack.add((next: (args: unknown) => Promise<any>) => async (args: unknown) => {
    const result = await next(args);
    const body = result?.response?.body;
    if (body && typeof body[Symbol.asyncIterator] === 'function') {
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(Buffer.from(chunk));
      const bytes = Buffer.concat(chunks);
      // The SDK's parser reads a Uint8Array body as readily as a stream.
      result.response.body = bytes;
      try {
        raw = JSON.parse(bytes.toString('utf8'));
      } catch {
        raw = undefined;
      }
    }
    return result;
  }, { step: 'deserialize', name: 'cdkAgentCoreHarnessRawJson', priority: 'low' });
  return () => raw;
}
