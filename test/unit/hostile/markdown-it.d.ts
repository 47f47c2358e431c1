// markdown-it ships no types; the hostile-hover tests only render Markdown to HTML with it.
declare module 'markdown-it' {
  export default class MarkdownIt {
    constructor(options?: { html?: boolean; linkify?: boolean });
    render(source: string): string;
  }
}
