import { test } from 'node:test';
import assert from 'node:assert/strict';
import { figureText, hover, images, links, svgOf, usageOn } from './helpers';

test('a PyTorch layer shows the call as written with its defaults filled in', () => {
  const md = hover(usageOn('leaky = nn.LeakyReLU', 'layer'));
  assert.match(md, /\*\*Leaky ReLU\*\* · PyTorch layer/);
  assert.ok(md.includes('`nn.LeakyReLU(negative_slope=0.2, inplace=True)`'), md);
  
});

test('a PyTorch layer hover has one figure: the plot drawn with the code\'s slope beside the rendered formula and derivative', () => {
  const md = hover(usageOn('leaky = nn.LeakyReLU', 'layer'));
  const imgs = images(md);
  assert.equal(imgs.length, 1);
  const svg = svgOf(imgs[0].uri);
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  // Two MathJax renderings (f and f') nested beside the plot, and the plot's two curves.
  assert.equal((svg.match(/<svg x="[\d.]+" y="[\d.]+" xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="[\d.]+" height="[\d.]+" role="img"/g) ?? []).length, 2);
  assert.match(svg, /<path class="f" d="M/);
  assert.match(svg, /<path class="df" d="M/);
  assert.match(svg, />s = 0\.2<\/text>/);
  assert.match(imgs[0].alt, /^f\\\(x\\\) = /);
  assert.match(imgs[0].alt, /with s = 0\\\.2/);
});

test('version differences name the LeakyReLU defaults of each framework and form', () => {
  const md = hover(usageOn("dense_string = layers.Dense(64, activation='leaky_relu')", 'string'));
  assert.ok(md.includes("activation='leaky_relu'  →  keras.activations.leaky_relu(x, negative_slope=0.2)"), md);
  // This line's defaults first; the others follow while the line fits the hover (here the layer's would wrap).
  assert.ok(md.includes("**Defaults:** **Keras 3 'leaky\\_relu'** (this line) `negative_slope=0.2`"), md.slice(0, 900));
  assert.ok(md.includes('*Keras 3 assumed \\(setting activationLens\\.kerasVersion\\)*'), 'says which version was assumed');
});

test('the Keras LeakyReLU layer resolves to slope 0.3 and warns about the deprecated alpha', () => {
  const md = hover(usageOn('keras_leaky = layers.LeakyReLU', 'layer'));
  assert.ok(md.includes('`layers.LeakyReLU(alpha=0.1)`'), md.slice(0, 300));
  assert.match(images(md)[0].alt, /with s = 0\\\.1/);
  assert.match(md, /\*\*Keras 3 layer\*\* \(this line\) `negative_slope=0.3`/);
  assert.match(md, /\$\(warning\) '?alpha'? is deprecated/);
});

test('a functional call shows its input and the filled-in inplace default', () => {
  const md = hover(usageOn('relu = F.relu', 'function'));
  assert.ok(md.includes('`F.relu(h, inplace=False)`'), md);
  assert.match(md, /defaults filled: inplace/);
  assert.match(figureText(md), /^f′ = 0: x < 0$/m);
  assert.match(md, /\*\*Dead-neuron risk\*\*/);
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
  assert.match(md, /TensorFlow 2\\\.x assumed/);
});

test('properties give range, monotonicity, zero-centring, saturation thresholds and the gradient peak', () => {
  const md = hover(usageOn("sigmoid_head = layers.Dense(1, activation='sigmoid')", 'string'));
  const facts = figureText(md);
  for (const line of ['range (0, 1)', 'monotonic (increasing)', 'not zero-centred', 'max |f′| 0.25', 'f′ = 0 nowhere']) assert.ok(facts.split('\n').includes(line), `${line} in\n${facts}`);
  assert.match(facts, /^f′ < 10% peak: \|x\| > 3\.6\d*$/m);
  assert.match(facts, /^f′ < 1% peak: \|x\| > 5\.9\d*$/m);
  assert.match(md, /\*\*Use:\*\* .*binary outputs/);
  // Screen readers get the same facts from the image's alt text.
  assert.match(images(md)[0].alt, /range \\\(0, 1\\\)/);
});

test('GELU with the tanh approximation reports its minimum', () => {
  const md = hover(usageOn("gelu = nn.GELU(approximate='tanh')", 'layer'));
  assert.match(figureText(md), /^min −0\.17\d* at x = −0\.75\d*$/m);
  assert.match(figureText(md), /^not monotonic$/m);
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
    assert.ok(textLines <= 9, `${marker}: ${textLines} lines`);
    assert.equal(md.split('\n\n').length, 3, 'header, figure and one paragraph (no paragraph margins)');
    const plain = md.replace(/\]\([^)]*\)/g, ']').length;
    assert.ok(plain < 2600, `${marker}: ${plain} characters of text`);
  }
});
