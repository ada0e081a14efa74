/** CSS files are bundled as text (webpack asset/source) and injected by the entry. */
declare module '*.css' {
  const text: string;
  export default text;
}
