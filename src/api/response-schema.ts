/**
 * What the API client needs of a response schema: zod/mini's `safeParse` shape. The lazily loaded zod/mini schemas
 * have it, and so does the launcher's hand-written config check (`schemas.ts`), which keeps zod out of the first load.
 */
export interface SchemaIssue {
  readonly path: readonly PropertyKey[];
}

export interface ResponseSchema<T> {
  safeParse(
    value: unknown,
    params?: { jitless?: boolean },
  ): { success: true; data: T } | { success: false; error: { issues: readonly SchemaIssue[] } };
}
