// Entry point stub; the implementation lands with issue 4.
export async function handler(event: unknown): Promise<unknown> {
  throw new Error(`not implemented: ${JSON.stringify(event)}`);
}
