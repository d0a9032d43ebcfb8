// The one integer-input type of the SDK (no dependencies, so every subpath can use it).

/**
 * An integer input accepted everywhere the SDK takes an integer (sizes, prices, amounts in base units, ppm, heights):
 * a bigint, a safe-integer number, or a decimal integer string ("123", "-5"). Human-unit decimals ("59374.5") are
 * converted with priceToQuantums / sizeToQuantums instead.
 */
export type IntegerInput = bigint | number | string;
