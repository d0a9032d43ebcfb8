// Bundle-size probe: a browser app that imports only orderHash and priceToQuantums from the orders subpath.
import { orderHash, priceToQuantums } from "@clearchain/client/orders";

(globalThis as { probe?: unknown }).probe = [orderHash, priceToQuantums];
