import { vscodeHost, type Host as PageHost } from '../vscodeHost';
import type { LessonToHostMessage } from './protocol';

type Host = PageHost<LessonToHostMessage>;

/** The lesson page's channel to the extension; on a page outside VS Code nothing is sent or saved. */
export function connectHost(): Host {
  return (
    vscodeHost<LessonToHostMessage>() ?? {
      post: () => undefined,
      loadState: () => undefined,
      saveState: () => undefined,
    }
  );
}
