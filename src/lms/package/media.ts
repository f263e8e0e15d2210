/**
 * Which files beside module.json a module uses: images (`src`) and the relative images and links
 * inside its Markdown. A package carries exactly these, so that nothing an author left in the
 * folder (drafts, sources of images) is published by accident, and nothing used is missing.
 */
import { Lexer, walkTokens, type Tokens } from 'marked';

export interface MediaReference {
  /** The file's path relative to the module folder, decoded ("media/desk photo.jpg"). */
  readonly path: string;
  /** The JSON path where it is referenced, for messages ("activities[0].pages[1].blocks[2].src"). */
  readonly at: string;
}

export interface MediaProblem {
  readonly at: string;
  readonly message: string;
}

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

/**
 * The module-relative file an address points at, `undefined` for an address elsewhere (a scheme,
 * "//host", a fragment or query alone), or a problem when it leaves the module's folder.
 */
function relativeFile(address: string): string | { problem: string } | undefined {
  const raw = address.trim();
  if (!raw || SCHEME.test(raw) || raw.startsWith('//') || /^[#?]/.test(raw)) return undefined;
  const path = raw.replace(/[?#].*$/s, '');
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return { problem: `"${address}" is not a valid address` };
  }
  if (decoded.startsWith('/') || decoded.includes('\\'))
    return { problem: `"${address}" must be a path relative to module.json` };
  const parts: string[] = [];
  for (const part of decoded.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (!parts.length) return { problem: `"${address}" points outside the module's folder` };
      parts.pop();
    } else parts.push(part);
  }
  return parts.length ? parts.join('/') : undefined;
}

function markdownAddresses(text: string): string[] {
  const addresses: string[] = [];
  walkTokens(new Lexer().lex(text), (token) => {
    if (token.type === 'image' || token.type === 'link')
      addresses.push((token as Tokens.Image | Tokens.Link).href);
  });
  return addresses;
}

/** Every file the module references, each once (first place it is used), sorted by path. */
export function moduleMedia(document: unknown): {
  readonly files: readonly MediaReference[];
  readonly problems: readonly MediaProblem[];
} {
  const found = new Map<string, MediaReference>();
  const problems: MediaProblem[] = [];
  const note = (address: string, at: string) => {
    const file = relativeFile(address);
    if (file === undefined) return;
    if (typeof file === 'object') problems.push({ at, message: file.problem });
    else if (!found.has(file)) found.set(file, { path: file, at });
  };
  const visit = (value: unknown, at: string, key: string) => {
    if (typeof value === 'string') {
      if (key === 'src') note(value, at);
      // Only text that can hold a Markdown image or link is lexed.
      else if (value.includes('](') || value.includes(']:')) {
        for (const address of markdownAddresses(value)) note(address, at);
      }
    } else if (Array.isArray(value)) {
      value.forEach((entry, index) => visit(entry, `${at}[${index}]`, ''));
    } else if (value && typeof value === 'object') {
      for (const [name, entry] of Object.entries(value))
        if (name !== '$schema') visit(entry, at ? `${at}.${name}` : name, name);
    }
  };
  visit(document, '', '');
  return {
    files: [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    problems,
  };
}
