"""A small convolutional network in PyTorch: activation modules, functional calls and tensor methods."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class SmallCNN(nn.Module):
    def __init__(self, num_classes: int = 10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, 3),
            nn.ReLU(inplace=True),
            nn.Conv2d(32, 64, 3),
            nn.LeakyReLU(0.01),
            nn.MaxPool2d(2),
        )
        self.head = nn.Sequential(
            nn.Flatten(),
            nn.Linear(9216, 128),
            nn.GELU(approximate="tanh"),
            nn.Linear(128, num_classes),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.features(x)
        x = F.silu(x)
        return F.log_softmax(self.head(x), dim=1)


def gated(x: torch.Tensor) -> torch.Tensor:
    """A gate: sigmoid as a tensor method, tanh as a function."""
    return x.sigmoid() * torch.tanh(x)


if __name__ == "__main__":
    logits = SmallCNN()(torch.randn(4, 1, 28, 28))
    print(logits.shape)
