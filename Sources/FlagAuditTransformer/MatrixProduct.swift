/// A dense layer's weights, PyTorch's `Linear` layout: `outputs` rows of `inputs` weights.
struct DenseLayer: Sendable {
    let weight: [Float]
    let bias: [Float]
    let inputs: Int
    let outputs: Int

    /// `y = x · weightᵀ + bias` for `rows` rows of `x` (row-major, `inputs` wide) into `y`
    /// (`outputs` wide).
    ///
    /// Blocked for the cache and the registers: three weight rows at a time (a few KB, kept in
    /// the first-level cache) meet every block of four rows of `x` (a sentence's `x` stays in
    /// the second level), so the weights stream from memory once per call rather than once
    /// per four tokens; and the 4 × 3 accumulators of four lanes, with the three weight loads
    /// and one `x` load of a step, fit the sixteen vector registers of baseline x86-64.
    /// Every output sums its products in one fixed order whatever the number of rows or
    /// threads, so a sentence's results are the same to the bit in any batch.
    func apply(_ x: UnsafePointer<Float>, rows: Int, into y: UnsafeMutablePointer<Float>) {
        let n = inputs, vectorEnd = n & ~3
        weight.withUnsafeBufferPointer { w in
            bias.withUnsafeBufferPointer { b in
                let w = w.baseAddress!
                var output = 0
                while output < outputs {
                    let pair = min(3, outputs &- output)
                    let w0 = w + output &* n, w1 = w + (output &+ min(1, pair &- 1)) &* n, w2 = w + (output &+ pair &- 1) &* n
                    var row = 0
                    while row < rows {
                        let block = min(4, rows &- row)
                        let x0 = x + row &* n
                        let x1 = x + (row &+ min(1, block &- 1)) &* n
                        let x2 = x + (row &+ min(2, block &- 1)) &* n
                        let x3 = x + (row &+ block &- 1) &* n
                        var a00 = SIMD4<Float>(), a01 = SIMD4<Float>(), a02 = SIMD4<Float>()
                        var a10 = SIMD4<Float>(), a11 = SIMD4<Float>(), a12 = SIMD4<Float>()
                        var a20 = SIMD4<Float>(), a21 = SIMD4<Float>(), a22 = SIMD4<Float>()
                        var a30 = SIMD4<Float>(), a31 = SIMD4<Float>(), a32 = SIMD4<Float>()
                        var k = 0
                        while k < vectorEnd {
                            let v0 = DenseLayer.load(w0 + k), v1 = DenseLayer.load(w1 + k), v2 = DenseLayer.load(w2 + k)
                            var u = DenseLayer.load(x0 + k)
                            a00 += u * v0; a01 += u * v1; a02 += u * v2
                            u = DenseLayer.load(x1 + k)
                            a10 += u * v0; a11 += u * v1; a12 += u * v2
                            u = DenseLayer.load(x2 + k)
                            a20 += u * v0; a21 += u * v1; a22 += u * v2
                            u = DenseLayer.load(x3 + k)
                            a30 += u * v0; a31 += u * v1; a32 += u * v2
                            k &+= 4
                        }
                        var sums = (SIMD4<Float>(a00.sum(), a10.sum(), a20.sum(), a30.sum()),
                                    SIMD4<Float>(a01.sum(), a11.sum(), a21.sum(), a31.sum()),
                                    SIMD4<Float>(a02.sum(), a12.sum(), a22.sum(), a32.sum()))
                        while k < n {
                            let u = SIMD4<Float>(x0[k], x1[k], x2[k], x3[k])
                            sums.0 += u * w0[k]; sums.1 += u * w1[k]; sums.2 += u * w2[k]
                            k &+= 1
                        }
                        for r in 0..<block {
                            let out = y + ((row &+ r) &* outputs &+ output)
                            out[0] = sums.0[r] + b[output]
                            if pair > 1 { out[1] = sums.1[r] + b[output &+ 1] }
                            if pair > 2 { out[2] = sums.2[r] + b[output &+ 2] }
                        }
                        row &+= block
                    }
                    output &+= pair
                }
            }
        }
    }

    @inline(__always) static func load(_ pointer: UnsafePointer<Float>) -> SIMD4<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<Float>.self)
    }
}
