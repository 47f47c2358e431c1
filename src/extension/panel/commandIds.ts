// Command ids of the plot panel, in their own file so activation can register them without loading the panel.

/** Command ids of the panel, as contributed in package.json. */
export const PanelCommand = {
  showPlot: 'activationLens.showPlot',
  plotAtCursor: 'activationLens.plotAtCursor',
  plotAllInFile: 'activationLens.plotAllInFile',
  compare: 'activationLens.compare',
  plotFormula: 'activationLens.plotFormula',
} as const;
