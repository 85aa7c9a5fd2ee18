// The title and author a source file gives about itself, for "Add a source…": a Project Gutenberg
// header ("Title: …", "Author: …"), Markdown front matter (title:, author:), or a first heading.
// Pure: the file's first few kilobytes in, what they say out.

export interface SourceMetadata {
  title?: string;
  author?: string;
}

const HEAD = 20_000;

export function sourceMetadata(text: string, fileName: string): SourceMetadata {
  const head = text.slice(0, HEAD);
  const field = (name: string) => new RegExp(`^${name}:[ \\t]*(.+?)[ \\t]*\\r?$`, 'im').exec(head)?.[1]?.replace(/^["']|["']$/g, '');
  const gutenberg = /project gutenberg/i.test(head) || /^Title:/m.test(head);
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(head)?.[1];
  let title: string | undefined;
  let author: string | undefined;
  if (front) {
    title = /^title:[ \t]*(.+?)[ \t]*$/im.exec(front)?.[1]?.replace(/^["']|["']$/g, '');
    author = /^author:[ \t]*(.+?)[ \t]*$/im.exec(front)?.[1]?.replace(/^["']|["']$/g, '');
  } else if (gutenberg) {
    title = field('Title');
    author = field('Author');
  }
  title ??= /^#[ \t]+(.+?)[ \t#]*$/m.exec(head)?.[1];
  // Last resort: the file's name, "pride-and-prejudice.txt" → "Pride and Prejudice"-ish.
  title ??= fileName.replace(/\.[^.]+$/, '').replace(/[-_]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
  return { title, author };
}
