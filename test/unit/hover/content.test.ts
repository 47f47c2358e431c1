import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hover, images, links, svgOf, usageOn } from './helpers';

test('a PyTorch layer shows the call as written with its defaults filled in', () => {
  const md = hover(usageOn('leaky = nn.LeakyReLU', 'layer'));
  assert.match(md, /\*\*Leaky ReLU\*\* · PyTorch layer/);
  assert.ok(md.includes('`nn.LeakyReLU(negative_slope=0.2, inplace=True)`'), md);
  assert.match(md, /with s = `0\.2`/);
});

test('a PyTorch layer hover has formula and derivative images and a plot drawn with the code\'s slope', () => {
  const md = hover(usageOn('leaky = nn.LeakyReLU', 'layer'));
  const imgs = images(md);
  assert.equal(imgs.length, 3);
  assert.match(imgs[0].alt, /^f\\\(x\\\) =/);
  assert.match(imgs[1].alt, /^f'\\\(x\\\) =/);
  for (const img of imgs) assert.match(svgOf(img.uri), /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  const plot = svgOf(imgs[2].uri);
  assert.match(plot, /<path class="f" d="M/);
  assert.match(plot, /<path class="df" d="M/);
  assert.match(imgs[2].alt, /s = 0\\\.2/);
});

test('version differences name the LeakyReLU defaults of each framework and form', () => {
  const md = hover(usageOn("dense_string = layers.Dense(64, activation='leaky_relu')", 'string'));
  assert.ok(md.includes("activation='leaky_relu'  →  keras.activations.leaky_relu(x, negative_slope=0.2)"), md);
  assert.match(md, /\*\*Versions:\*\* \*\*Keras 3 'leaky\\_relu' and functions \(this line\)\*\*: `negative_slope=0.2`/);
  assert.match(md, /Keras 3 layers\\\.LeakyReLU: `negative_slope=0.3`/);
  assert.match(md, /tf\\\.keras 2 .*`alpha=0.3`/);
  assert.match(md, /Keras 3 defaults\\: assumed/);
});

test('the Keras LeakyReLU layer resolves to slope 0.3 and warns about the deprecated alpha', () => {
  const md = hover(usageOn('keras_leaky = layers.LeakyReLU', 'layer'));
  assert.ok(md.includes('`layers.LeakyReLU(negative_slope=0.1)`') || md.includes('layers.LeakyReLU(negative_slope=0.1'), md);
  assert.match(md, /\$\(warning\) '?alpha'? is deprecated/);
});

test('a functional call shows its input and the filled-in inplace default', () => {
  const md = hover(usageOn('relu = F.relu', 'function'));
  assert.ok(md.includes('`F.relu(h, inplace=False)`'), md);
  assert.match(md, /defaults filled: inplace/);
  assert.match(md, /dead-neuron risk: f′ = 0 for x < 0/);
});

test('a tensor method hover explains the vector activation and its axis', () => {
  const md = hover(usageOn('probs = h.softmax', 'method'));
  assert.ok(md.includes('`x.softmax(dim=1'), md);
  assert.match(md, /\*\*Softmax\*\*/);
});

test('a reference to tf.nn.relu explains ReLU in TensorFlow', () => {
  const md = hover(usageOn('dense_reference', 'reference'));
  assert.match(md, /\*\*ReLU\*\* · TensorFlow reference/);
  assert.ok(md.includes('tf.nn.relu(x'), md);
  assert.match(md, /Defaults as in TensorFlow 2\\\.x/);
});

test('properties give range, monotonicity, zero-centring, saturation thresholds and the gradient peak', () => {
  const md = hover(usageOn("sigmoid_head = layers.Dense(1, activation='sigmoid')", 'string'));
  assert.match(md, /range \(0, 1\)/);
  assert.match(md, /monotonic \(increasing\)/);
  assert.match(md, /not zero-centred/);
  assert.match(md, /\*\*Saturation:\*\* \|f′\| < 10% of its peak for x < −3\.6\d* and x > 3\.6/);
  assert.match(md, /max \|f′\| 0\.25/);
  assert.match(md, /\*\*Use:\*\* .*binary outputs/);
});

test('GELU with the tanh approximation reports its minimum', () => {
  const md = hover(usageOn("gelu = nn.GELU(approximate='tanh')", 'layer'));
  assert.match(md, /minimum −0\.17\d* at x = −0\.75/);
  assert.match(md, /not monotonic/);
});

test('links run only our commands, with the activation, framework and parameters as arguments', () => {
  const md = hover(usageOn('leaky = nn.LeakyReLU', 'layer'));
  const found = links(md);
  assert.deepEqual(found.map((l) => l.command), ['activationLens.showPlot', 'activationLens.compare', 'activationLens.openDocs']);
  assert.deepEqual(found[0].args, [{ name: 'leaky_relu', framework: 'torch', params: { negative_slope: 0.2, inplace: true } }]);
  assert.deepEqual(found[2].args, [{ url: 'https://pytorch.org/docs/stable/generated/torch.nn.LeakyReLU.html' }]);
});

test('the whole hover stays compact enough for a 1080p screen', () => {
  for (const marker of ['leaky = nn.LeakyReLU', "dense_string = layers.Dense(64, activation='leaky_relu')", 'probs = h.softmax', 'gelu = nn.GELU']) {
    const md = hover(usageOn(marker));
    // Text lines (hard breaks and paragraphs) besides the images: the plot is 162 px, formulas about 40 px.
    const textLines = md.split(/ {2}\n|\n\n/).filter((l) => !l.startsWith('![')).length;
    assert.ok(textLines <= 16, `${marker}: ${textLines} lines`);
    const plain = md.replace(/\]\([^)]*\)/g, ']').length;
    assert.ok(plain < 2600, `${marker}: ${plain} characters of text`);
  }
});
