"""An image classifier in Keras: activations as strings, layers and references."""
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(28, 28, 1))
x = layers.Conv2D(32, 3, activation="relu")(inputs)
x = layers.Conv2D(64, 3, activation="swish")(x)
x = layers.MaxPooling2D()(x)
x = layers.Flatten()(x)
x = layers.Dense(128, activation=tf.nn.gelu)(x)
x = layers.LeakyReLU(negative_slope=0.1)(x)
x = layers.Dropout(0.3)(x)
outputs = layers.Dense(10, activation="softmax")(x)

model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

# A recurrent layer has two activations.
encoder = layers.LSTM(64, activation="tanh", recurrent_activation="sigmoid")
