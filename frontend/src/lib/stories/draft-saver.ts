// Saving a draft as the author goes: the first save creates the story (POST), later ones
// change it (PUT). Saves run one at a time, in order, so that an older answer can never
// overwrite a newer text; a save of what was last saved is skipped. While the author types,
// `schedule` waits for a pause; moving between steps saves at once (`saveNow`).

import { storyBody, type StoryInput, type StoryView } from '../api';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'failed';

export interface DraftSaverOptions {
  /** The story's id when it already exists (editing), else null until the first save. */
  id: string | null;
  create: (input: StoryInput) => Promise<StoryView>;
  update: (id: string, input: StoryInput) => Promise<StoryView>;
  /** Told every change of status, and the story as the server last returned it. */
  onStatus: (status: SaveStatus, saved: StoryView | null) => void;
  /** How long typing must pause before a save. */
  delayMs?: number;
  /** The content as the server holds it already, if any: saving it again is skipped. */
  saved?: StoryInput | null;
}

/** How long typing must pause before the draft is saved. */
export const TYPING_PAUSE_MS = 2_000;

export class DraftSaver {
  #id: string | null;
  #create: DraftSaverOptions['create'];
  #update: DraftSaverOptions['update'];
  #onStatus: DraftSaverOptions['onStatus'];
  #delayMs: number;
  /** JSON of what the server holds, to skip saving the same again. */
  #lastSaved: string | null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** The saves under way, one after another. */
  #queue: Promise<unknown> = Promise.resolve();
  #stopped = false;

  constructor(options: DraftSaverOptions) {
    this.#id = options.id;
    this.#create = options.create;
    this.#update = options.update;
    this.#onStatus = options.onStatus;
    this.#delayMs = options.delayMs ?? TYPING_PAUSE_MS;
    this.#lastSaved = options.saved ? JSON.stringify(storyBody(options.saved)) : null;
  }

  /** The story's id, once it has been created. */
  get id(): string | null {
    return this.#id;
  }

  /** Saves `input` once typing has paused; a later call replaces an earlier one. Never throws. */
  schedule(input: StoryInput): void {
    if (this.#stopped) return;
    this.#clearTimer();
    const copy = plainCopy(input);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.saveNow(copy).catch(() => {
        // Said through `onStatus`; the next save tries again.
      });
    }, this.#delayMs);
  }

  /**
   * Saves `input` now, after any save under way, and returns the story as saved (or as it was,
   * when nothing changed). Throws the save's `ApiError`, for the step to show by its fields.
   */
  saveNow(input: StoryInput): Promise<StoryView | null> {
    this.#clearTimer();
    const copy = plainCopy(input);
    const next = this.#queue.then(() => this.#save(copy));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** Stops saving: the page is gone. A save already sent still finishes. */
  stop(): void {
    this.#stopped = true;
    this.#clearTimer();
  }

  async #save(input: StoryInput): Promise<StoryView | null> {
    const json = JSON.stringify(input);
    if (this.#id !== null && json === this.#lastSaved) return null;
    this.#onStatus('saving', null);
    try {
      const view = this.#id === null ? await this.#create(input) : await this.#update(this.#id, input);
      this.#id = view.id;
      this.#lastSaved = json;
      this.#onStatus('saved', view);
      return view;
    } catch (error) {
      this.#onStatus('failed', null);
      throw error;
    }
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}

/** A copy, in one order of fields, that later changes to the form's state cannot reach. */
function plainCopy(input: StoryInput): StoryInput {
  return storyBody(input);
}
