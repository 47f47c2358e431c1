// The sample model the walkthrough opens: one line to hover, one to plot, one slip to fix.

/** Python text of the walkthrough's sample, shown in an untitled editor (nothing is written to disk). */
export const SAMPLE_MODEL = `"""Activation Lens sample: hover an activation, plot it, then fix a slip with a quick fix."""
import torch
import torch.nn as nn
from tensorflow import keras
from tensorflow.keras import layers


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        # 1. Hover over LeakyReLU: its formula, derivative and a plot with this slope.
        # 2. Put the cursor on it and run "Activation Lens: Plot the Activation at the Cursor".
        self.body = nn.Sequential(nn.Linear(784, 256), nn.LeakyReLU(0.2), nn.Linear(256, 10))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x)


# 3. Keras rejects the misspelt name below: click it and press Ctrl+. (Cmd+. on macOS) for the quick fix.
model = keras.Sequential([
    layers.Dense(64, activation="rleu"),
    layers.Dense(10, activation="softmax"),
])
`;
