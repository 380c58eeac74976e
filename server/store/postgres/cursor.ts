import type pg from "pg";

/**
 * Rows of a query, a batch at a time, through a server-side cursor: a million claims never sit in
 * memory as one result. The caller's transaction keeps the cursor (and its snapshot) open.
 */
export async function* cursorRows<Row extends unknown[]>(
  client: pg.ClientBase,
  sql: string,
  batchSize = 5_000,
): AsyncGenerator<Row[]> {
  await client.query(`DECLARE rows_cursor NO SCROLL CURSOR FOR ${sql}`);
  try {
    for (;;) {
      const { rows } = await client.query<Row>({
        text: `FETCH FORWARD ${batchSize} FROM rows_cursor`,
        rowMode: "array",
      });
      if (rows.length > 0) yield rows;
      if (rows.length < batchSize) return;
    }
  } finally {
    await client.query("CLOSE rows_cursor");
  }
}
