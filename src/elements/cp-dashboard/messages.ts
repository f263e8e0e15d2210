/** What the dashboard says about loading: problems and notes from the sources, in words. */
import { damagedRecords, newRecords, notCheckpoint, statementsRead } from './counts.ts';
import { msg, str } from '@lit/localize';
import type { FileProblemKind, SourceNote, SourceProblem } from '../../analytics/sources/index.ts';

export function problemMessage(problem: SourceProblem): string {
  switch (problem.kind) {
    case 'unavailable':
      return msg(
        'The results on this device cannot be read: this browser does not give access to its storage here (private mode, or storage turned off).',
      );
    case 'blocked':
      return msg(
        'The results on this device cannot be read right now: Checkpoint is updating its storage in another tab. Close or reload the other tabs and try again.',
      );
    case 'newer':
      return msg(
        'A newer version of Checkpoint saved the results on this device. Reload this page and try again.',
      );
    case 'no-results':
      return msg('None of these files is a Checkpoint results file.');
    case 'bad-endpoint':
      return msg('The LRS endpoint must be an address starting with https:// (or http://).');
    case 'network':
      return msg(
        'The LRS could not be reached. Check the address and the network; the LRS must also allow requests from this page (CORS).',
      );
    case 'unauthorized':
      return msg('The LRS refused the key and secret.');
    case 'http':
      return msg(str`The LRS answered with an error (${problem.detail ?? ''}).`);
    case 'bad-response':
      return msg('The LRS answered with something that is not a list of statements.');
    case 'aborted':
      return msg('Reading was cancelled.');
  }
}

export function fileProblem(problem: FileProblemKind): string {
  switch (problem) {
    case 'unreadable':
      return msg('the file could not be read');
    case 'not-json':
      return msg('it is not a Checkpoint results file (not JSON)');
    case 'wrong-format':
      return msg('it is not a Checkpoint results file');
    case 'newer-format':
      return msg('it was made by a newer version of Checkpoint');
  }
}

export function noteMessage(note: SourceNote): string {
  switch (note.kind) {
    case 'damaged':
      return note.file === undefined
        ? damagedRecords(note.count)
        : msg(str`${note.file}: ${damagedRecords(note.count)}`);
    case 'file-rejected':
      return msg(str`${note.file} was not used: ${fileProblem(note.problem)}.`);
    case 'file-read':
      return msg(
        str`${note.file}: ${newRecords(note.added)}, ${note.duplicates} already read from another file.`,
      );
    case 'statements':
      return msg(str`${statementsRead(note.read)}; ${notCheckpoint(note.unused)}`);
  }
}
