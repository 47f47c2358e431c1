"""Slips Activation Lens points out: a misspelt activation name, softmax over the batch axis, and more."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from tensorflow.keras import layers

dense = layers.Dense(64, activation="rleu")  # misspelt: Keras rejects it at run time
head = layers.Dense(10, activation="Softmax")  # Keras names are lower case

logits = torch.randn(4, 10)
probs = F.softmax(logits, dim=0)  # dim=0 normalises over the batch, not the classes

# Stacked sigmoids saturate and slow training down.
stack = nn.Sequential(nn.Linear(8, 8), nn.Sigmoid(), nn.Linear(8, 8), nn.Sigmoid(), nn.Linear(8, 8), nn.Sigmoid())
