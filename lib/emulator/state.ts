import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { emptyState, type EmulatorState } from "./records";

const SAVE_DEBOUNCE_MS = 50;

/** Holds the state in memory and, given a directory, persists it atomically (tmp file + rename). */
export class StateStore {
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    readonly state: EmulatorState,
    private readonly file: string | null,
  ) {}

  static async open(dataDir: string | null | undefined): Promise<StateStore> {
    if (!dataDir) return new StateStore(emptyState(), null);
    await mkdir(dataDir, { recursive: true });
    const file = path.join(dataDir, "state.json");
    return new StateStore(await loadState(file), file);
  }

  /** Counts changes, so a cache of something derived from the state can tell it is stale. */
  version = 0;

  /** Records that the state changed; the write happens shortly after, once per burst. */
  changed(): void {
    this.version += 1;
    if (!this.file || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.write();
    }, SAVE_DEBOUNCE_MS);
    this.timer.unref?.();
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    await this.write();
  }

  private write(): Promise<void> {
    const file = this.file;
    if (!file) return Promise.resolve();
    this.writing = this.writing.then(async () => {
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(this.state));
      await rename(tmp, file);
    });
    return this.writing;
  }
}

async function loadState(file: string): Promise<EmulatorState> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return emptyState();
  }
  try {
    const parsed = JSON.parse(text) as Partial<EmulatorState>;
    if (parsed.version !== 1) return emptyState();
    return { ...emptyState(), ...parsed };
  } catch {
    throw new Error(`Emulator state file ${file} is not valid JSON; move it away to start fresh`);
  }
}
