// A short message for the next page the person sees ("Your account has been deleted."): the
// one owner of it. The layout shows it in a live region, and it goes away on the page after.

export class NoticeState {
  #message = $state('');
  /** True until the page change that brings the person to where the notice belongs. */
  #waiting = false;

  get message(): string {
    return this.#message;
  }

  /** Shows `message` now; it stays through the next page change and goes on the one after. */
  say(message: string): void {
    this.#message = message;
    this.#waiting = true;
  }

  /** Called by the layout after every in-app page change. */
  pageChanged(): void {
    if (this.#waiting) {
      this.#waiting = false;
      return;
    }
    this.#message = '';
  }
}

export const noticeState = new NoticeState();
