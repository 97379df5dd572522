// onnxruntime-node, loaded with its telemetry off. Everything that needs ONNX Runtime (the engine,
// benches, tests) imports it from here, never from 'onnxruntime-node' directly: the import of
// ./ort-env must run before the library's native part is loaded.
import './ort-env';

export * from 'onnxruntime-node';
