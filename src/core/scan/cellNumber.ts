/**
 * The notebook cell number people see and type: the cell's 1-based position among all cells of the notebook,
 * markdown and raw cells included, as ruff prints `cell N` and as the cells stand in Jupyter and VS Code from the
 * top. Internally findings and usages keep the 0-based index into the notebook's `cells` array.
 */
export function cellNumber(index: number): number {
  return index + 1;
}
