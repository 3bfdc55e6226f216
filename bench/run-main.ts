// How every benchmark ends: its exit code is what `main` returns (1 when it
// threw, with the stack printed), and `cleanup` runs either way, so no server
// it started outlives it.
export async function runMain(main: () => Promise<number>, cleanup: () => Promise<void>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  } finally {
    await cleanup();
  }
}
